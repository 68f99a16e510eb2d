"""Citizens' accounts: sign-up with an email or a phone number, verified by a one-time code; sign-in, sign-out and a
password reset; the profile, each attribute with where it comes from; my space, the dossiers of the account across
every body. A citizen's session is kept apart from staff's, under keys of its own."""
