"""Background jobs: what a request asks for is written to the database in the same transaction; a worker does it.

A request never talks to a mail server, an antivirus or a fund: it writes a ``Job`` row beside what it changed
(``ledger.later``), so both are committed or neither is. After the commit the queue (Huey) is nudged so that a
worker picks the job up at once; if the nudge is lost (the broker down, a worker killed), the scheduler's sweep
finds the job in the database within a minute. A worker claims a job with a lease, so two workers never run it
together and a worker killed mid-job leaves a job that runs again once its lease ends; a failure is retried with
back-off, and after ``JOB_MAX_ATTEMPTS`` the job is dead: administrators see it in the back office and may retry it.
"""
