from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kennisbrug.accounts"
    verbose_name = "Accounts en rechten"
