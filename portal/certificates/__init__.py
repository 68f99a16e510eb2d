"""Certificates anyone can check: a PDF in the holder's language, signed by the platform's Ed25519 key, with a
verification code and a QR code to ``/verify/<code>``, where anyone sees whether it is authentic and still valid."""
