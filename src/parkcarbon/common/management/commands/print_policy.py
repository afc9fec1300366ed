from django.core.management.base import BaseCommand

from parkcarbon.common.policy import WORKFLOW, policy_rows


class Command(BaseCommand):
    help = "Print the permission table (object type, action -> roles) for review."

    def handle(self, *args, **options):
        for object_type, action, roles in policy_rows():
            self.stdout.write(f"{object_type:<14} {action:<16} {', '.join(roles)}")
        self.stdout.write("\nInventory workflow (step: from statuses -> to status, by the roles of inventory/<action>)")
        for step, (action, sources, target) in WORKFLOW.items():
            self.stdout.write(f"{step:<16} {' | '.join(sorted(sources))} -> {target or '(unchanged)'}  [{action}]")
