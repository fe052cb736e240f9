// Starts Swagger UI on the API description page (templates/api_docs.html). A file of its
// own, not an inline script: the Content-Security-Policy allows no inline script.
// "Try it out" in the browser uses the session; Django wants its CSRF token for changes.
(function () {
  "use strict";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function start() {
    const element = document.getElementById("api-docs");
    if (!element || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    window.SwaggerUIBundle({
      url: element.dataset.schemaUrl,
      domNode: element,
      deepLinking: true,
      persistAuthorization: false,
      requestInterceptor: function (request) {
        if (!["GET", "HEAD", "OPTIONS"].includes((request.method || "GET").toUpperCase())) {
          request.headers["X-CSRFToken"] = csrfToken();
        }
        return request;
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
