"""Demo API keys: the partner's page of keys shows one in use and one revoked.

Their keys are thrown away (only a digest is stored): nobody can use them. A key to try
the API with is made on /accounts/api-sleutels/.
"""

import hashlib
import secrets

from django.utils import timezone

from landerd_portal.audit import save_by
from partners.models import ApiToken

DEMO_KEYS = (
    # (name, revoked)
    ("Agenda op de website van ONS Welzijn", False),
    ("Oude koppeling met het registratiesysteem", True),
)


def seed_api_tokens(*, users) -> None:
    partner = users["partner@demo.example"]
    for name, revoked in DEMO_KEYS:
        if ApiToken.objects.filter(user=partner, name=name).exists():
            continue  # idempotent: seeding again changes nothing
        token = ApiToken(
            user=partner,
            name=name,
            prefix=secrets.token_hex(4),
            digest=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            revoked_at=timezone.now() if revoked else None,
        )
        save_by(partner, token)
