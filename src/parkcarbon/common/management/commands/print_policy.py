from django.core.management.base import BaseCommand

from parkcarbon.common.policy import policy_rows


class Command(BaseCommand):
    help = "Print the permission table (object type, action -> roles) for review."

    def handle(self, *args, **options):
        for object_type, action, roles in policy_rows():
            self.stdout.write(f"{object_type:<14} {action:<16} {', '.join(roles)}")
