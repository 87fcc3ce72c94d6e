from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "folkvald.policy"
    label = "policy"

    def ready(self) -> None:
        from folkvald.core.navigation import register_section
        from folkvald.policy.navigation import policy_sections

        register_section(policy_sections)
