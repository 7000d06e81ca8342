from celery import shared_task


@shared_task(name="clientela.core.jobs.run")
def job_run_task(job_id: int) -> str:
    """Run one export or import job; return its final status."""
    from .services import job_run

    return job_run(job_id=job_id).status
