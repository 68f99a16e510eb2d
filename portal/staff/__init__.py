"""Staff identity, permissions and the audit log: what every module's back-office pages rely on.

It sits beneath the modules (they import it; it imports none of them), so that the dashboard, the rules and
case handling guard their own pages without importing the back office, which is only the staff's shell.
"""
