// Starts Swagger UI on the API description page (templates/api_docs.html). A file of its
// own, not an inline script: the Content-Security-Policy allows no inline script.
// "Try it out" in the browser uses the session; Django wants its CSRF token for changes.
(function () {
  "use strict";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Swagger UI's own layout puts its operations in a second <main>, inside the portal's,
  // and repeats the page's title: this one has the operations in a section under an h2
  // (one main landmark per page, headings in order); the page itself says what the API is.
  function portalLayoutPlugin(heading) {
    return function (system) {
      return portalLayout(system, heading);
    };
  }

  function portalLayout(system, heading) {
    const h = system.React.createElement;
    return {
      components: {
        PortalLayout: function PortalLayout(props) {
          const get = props.getComponent;
          const Errors = get("errors", true);
          if (props.specSelectors.loadingStatus() !== "success") {
            return h("div", { className: "swagger-ui" }, h(Errors));
          }
          return h(
            "div",
            { className: "swagger-ui" },
            h(get("SvgAssets")),
            h(Errors),
            h("div", { className: "scheme-container" }, h(get("AuthorizeBtnContainer", true))),
            h(
              "section",
              { className: "api-docs__operations", "aria-labelledby": "api-docs-adressen" },
              h("h2", { id: "api-docs-adressen", className: "h3" }, heading),
              h(get("operations", true)),
            ),
            h(get("Models", true)),
          );
        },
      },
    };
  }

  function start() {
    const element = document.getElementById("api-docs");
    if (!element || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    window.SwaggerUIBundle({
      url: element.dataset.schemaUrl,
      domNode: element,
      // Without deep links: they put a link inside each operation's button.
      deepLinking: false,
      plugins: [portalLayoutPlugin(element.dataset.operationsHeading)],
      layout: "PortalLayout",
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
