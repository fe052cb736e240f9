app_name = "learning_history"

urlpatterns = []
