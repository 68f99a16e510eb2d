"""The ministry's digitisation dashboard: programmes such as the 40 e-services, computed from history."""
