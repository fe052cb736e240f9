"""A real worker process picks up a task from the configured broker and answers."""

import pytest

from landerd_portal.celery import ping


@pytest.mark.worker
def test_worker_process_completes_a_task_through_the_broker(celery_worker_process):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert celery_worker_process.poll() is None
