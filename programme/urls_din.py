"""Routes of the din area, included under the `programme` namespace."""

urlpatterns = []
