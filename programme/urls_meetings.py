"""Routes of the meetings area, included under the `programme` namespace."""

urlpatterns = []
