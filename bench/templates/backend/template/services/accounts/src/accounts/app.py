"""The accounts HTTP API: register, log in, who am I."""

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool
from validate_email import validate_email

from accounts._generated import Token, UserOut
from accounts.security import TokenError, check_password, hash_password, issue_token, read_token
from contracts import Event, UserRegistered


class AccountsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCOUNTS_")
    secret: str = Field(default="change-me-to-a-long-random-secret", min_length=32)
    token_minutes: int = 30
    bcrypt_rounds: int = 12


class Registration(BaseModel):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=8)

    @field_validator("email")
    @classmethod
    def email_is_valid(cls, value: str) -> str:
        """An address by RFC 5322's syntax (no DNS look-up), kept in lower case."""
        if not validate_email(value):
            raise ValueError("not a valid e-mail address")
        return value.lower()


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(100))


def _out(row: UserRow) -> UserOut:
    return UserOut(id=row.id, email=row.email, display_name=row.display_name)


def create_app(settings: AccountsSettings | None = None) -> FastAPI:
    settings = settings or AccountsSettings()
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    Base.metadata.create_all(engine)
    app = FastAPI(title="accounts")
    outbox: list[Event] = []
    app.state.outbox = outbox

    def current_user(authorization: Annotated[str, Header()] = "") -> int:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(status_code=401, detail="bearer token required")
        try:
            return read_token(token, settings.secret)
        except TokenError as error:
            raise HTTPException(status_code=401, detail=str(error)) from None

    @app.post("/users", status_code=201)
    def register(body: Registration) -> UserOut:
        with Session(engine) as session:
            if session.scalar(select(UserRow).where(UserRow.email == body.email)):
                raise HTTPException(status_code=409, detail="email already registered")
            hashed = hash_password(body.password, settings.bcrypt_rounds)
            row = UserRow(email=body.email, display_name=body.display_name, password_hash=hashed)
            session.add(row)
            session.commit()
            outbox.append(UserRegistered(user_id=row.id, email=row.email))
            return _out(row)

    @app.post("/sessions")
    def log_in(email: str, password: str) -> Token:
        with Session(engine) as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email))
            if row is None or not check_password(password, row.password_hash):
                raise HTTPException(status_code=401, detail="wrong email or password")
            ttl = timedelta(minutes=settings.token_minutes)
            token = issue_token(row.id, settings.secret, ttl)
            return Token(access_token=token, token_type="bearer")

    @app.get("/me")
    def me(user_id: Annotated[int, Depends(current_user)]) -> UserOut:
        with Session(engine) as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise HTTPException(status_code=404, detail="user gone")
            return _out(row)

    return app
