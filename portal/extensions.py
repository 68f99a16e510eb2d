"""Extensions, created bare here and bound to an app in ``create_app`` (Flask-Migrate's, only when a migration
runs: see ``portal.database.Migrations``)."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

# Named constraints so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
# Limits are declared on the routes that need them (sign-in); nothing else is counted.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
