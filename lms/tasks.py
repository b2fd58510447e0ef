from django_tasks import task

from lms import people_import
from lms.models import ImportJob


@task()
def check_people_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("organisation").get(pk=job_id)
    return people_import.check_people_import_job(job).status


@task()
def apply_people_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("organisation").get(pk=job_id)
    return people_import.apply_people_import_job(job).status
