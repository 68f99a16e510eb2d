"""Online payment: a payment of an account to a body for a purpose, in centimes with an ISO 4217 numeric currency,
created once per idempotency key, paid on a gateway's hosted page (SATIM for CIB and Edahabia, BDL for Visa), and
confirmed only by the platform asking the gateway. Its states, with the gateway's answers (safe fields only), are
stored and audited; the transitions are checked (``portal.payments.states``)."""
