"""Routes of the rule tables' back-office pages, under /<locale>/backoffice/rules."""

from __future__ import annotations

from flask import Flask

from portal.registry.current_rules import install_reader
from portal.rules import views
from portal.rules.models import rule_book
from portal.staff.pages import backoffice_blueprint

backoffice = backoffice_blueprint(
    "rules_backoffice",
    __name__,
    [
        ("/rules", "rules", views.rules_page, ["GET"]),
        ("/rules/new", "add_rule", views.add_rule_row, ["POST"]),
        ("/rules/<int:row_id>", "correct_rule", views.correct_rule_row, ["POST"]),
    ],
    template_folder="templates",
)


def init_app(app: Flask) -> None:
    """The rules' pages, and the reader through which plugins' computations get the rule book."""
    install_reader(app, rule_book)
    app.register_blueprint(backoffice)
