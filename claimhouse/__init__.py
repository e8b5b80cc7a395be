"""claimhouse: a warehouse of who claimed what in armed-conflict news."""
