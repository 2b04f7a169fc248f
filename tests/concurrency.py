"""Run one function in several threads at once, as concurrent requests would."""

import threading

from django.db import connections


def run_at_once(function, count):
    """Call `function` in `count` threads released together; return its results and the
    exceptions raised, each in a list. Each thread closes its own database connections."""
    start = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(function())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
