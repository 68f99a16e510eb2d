"""What a hosted service declares payable: an integer amount in centimes and an ISO 4217 numeric currency."""

from __future__ import annotations

from dataclasses import dataclass

CURRENCIES = {"012": 2, "978": 2, "840": 2}  # DZD, EUR, USD: numeric code -> digits of the minor unit
DZD = "012"
MINIMUM = {"012": 5000}  # SATIM refuses less than 50 DZD


@dataclass(frozen=True)
class PayableItem:
    """One thing paid (a quarter ``2026-Q1``, a year of arrears ``2024``) and its amount in centimes."""

    key: str
    amount: int


@dataclass(frozen=True)
class Payable:
    """Something an account may pay a body (its slug) for a purpose: never a float. With ``items``, what is paid
    for the fund's person ``holder``: at most one open payment per item (``portal.payments.items``), and the amount
    is their sum."""

    body: str
    purpose: str
    amount: int
    description: str
    currency: str = DZD
    holder: str = ""
    items: tuple[PayableItem, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"an amount is an integer number of centimes, not {type(self.amount).__name__}")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown ISO 4217 numeric currency {self.currency!r}")
        if self.amount < MINIMUM.get(self.currency, 1):
            raise ValueError(f"{self.amount} centimes is below the gateway's minimum")
        if self.items and (not self.holder or sum(item.amount for item in self.items) != self.amount
                           or len({item.key for item in self.items}) != len(self.items)):  # fmt: skip
            raise ValueError("the items of a payable are distinct, have a holder, and add up to the amount")


def shown_amount(amount: int, currency: str = DZD) -> str:
    """``150000`` centimes as ``1 500,00`` (integer arithmetic only)."""
    units, cents = divmod(amount, 10 ** CURRENCIES.get(currency, 2))
    return f"{units:,}".replace(",", "\u202f") + f",{cents:02d}"
