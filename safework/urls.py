from django.urls import path

from safework import action_views, training_views, views

app_name = "safework"
PREFIX = "geschenken-en-nevenwerk/"
urlpatterns = [
    path(PREFIX, views.declaration_list, name="declaration_list"),
    path(PREFIX + "melden/<str:kind>/", views.declaration_create, name="declaration_create"),
    path(PREFIX + "<str:reference>/", views.declaration_detail, name="declaration_detail"),
    path(PREFIX + "<str:reference>/besluit/", views.declaration_decide, name="declaration_decide"),
    path("herscreening/", views.rescreening_list, name="rescreening_list"),
    path("mijn-verbeteracties/", action_views.my_actions, name="action_list"),
    path("mijn-verbeteracties/<int:pk>/", action_views.action_status, name="action_status"),
    path("leidinggevenden/integriteitstraining/", training_views.training_overview, name="training_overview"),
]
