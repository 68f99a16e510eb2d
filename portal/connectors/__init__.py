"""The client that calls the funds' systems for a body's connector: timeouts, retries, a breaker, the last good
answer, the access log; the linking of an account to a fund's records; the pages that show them."""
