from django.db.models import QuerySet

from .models import Job


def job_list(*, user) -> QuerySet[Job]:
    """Return the jobs the user started; an admin sees everyone's."""
    jobs = Job.objects.all()
    return jobs if user.is_admin else jobs.filter(user=user)
