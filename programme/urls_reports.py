"""Routes of the reports area, included under the `programme` namespace."""

urlpatterns = []
