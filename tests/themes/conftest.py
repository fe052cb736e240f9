"""Fixtures for the themes tests: images made on the spot, villages, a DIN effort."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import EffortFactory, GoalFactory, VillageFactory

# EXIF tags: GPSInfo (0x8825) and, inside it, latitude/longitude with their N/E refs.
GPS_IFD = 0x8825
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2
GPS_LONGITUDE_REF, GPS_LONGITUDE = 3, 4
CAMERA_MAKE = 0x010F


def jpeg_with_gps(name="uitje.jpg", size=(64, 48)):
    """A real JPEG whose EXIF says where it was taken (the Zeeland town hall)."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "TestCam"
    gps = exif.get_ifd(GPS_IFD)
    gps[GPS_LATITUDE_REF] = "N"
    gps[GPS_LATITUDE] = (51.0, 41.0, 52.0)
    gps[GPS_LONGITUDE_REF] = "E"
    gps[GPS_LONGITUDE] = (5.0, 40.0, 31.0)
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def png(name="foto.png", size=(40, 30)):
    image = Image.new("RGBA", size, (10, 120, 90, 200))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


@pytest.fixture
def gps_jpeg():
    return jpeg_with_gps()


@pytest.fixture
def small_png():
    return png()


@pytest.fixture
def villages(db):
    return {name: VillageFactory(name=name) for name in ("Zeeland", "Schaijk", "Reek")}


@pytest.fixture
def effort(theme):
    return EffortFactory(goal=GoalFactory(theme=theme), title="Huisbezoeken bij 75-plussers")
