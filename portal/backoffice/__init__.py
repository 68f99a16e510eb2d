"""The back office of the fund teams: sign-in, users, the service editor, review and publication, audit."""
