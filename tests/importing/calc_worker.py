#!/usr/bin/python3
"""Drive LibreOffice Calc through UNO (Debian's python3-uno, the system Python) so the tests' fixtures are files a real
spreadsheet program saved: `/usr/bin/python3 calc_worker.py JOBS.json`.

Each job opens a file (a CSV read as en-GB, so 31/03/2025 becomes a date cell), optionally merges ranges, hides
columns and sets cells, then saves it in a format (xlsx, xlsm, ods, xls, csv in Windows-1252, UTF-16 "Unicode text"),
optionally with a password. One LibreOffice per run, with a throwaway profile, so parallel runs never collide.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

CSV_IN = "44,34,76,1,,2057,false,true"  # comma, double quote, UTF-8, from row 1, en-GB, detect dates
EN_GB = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-GB</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-GB</value></prop></item>
</oor:items>
"""
# Character sets by LibreOffice's own numbers (rtl_TextEncoding): 1 is Windows-1252, 76 UTF-8, 65535 UTF-16.
SAVE = {
    "xlsx": ("Calc MS Excel 2007 XML", None), "xlsm": ("Calc MS Excel 2007 VBA XML", None), "ods": ("calc8", None),
    "xls": ("MS Excel 97", None), "csv-1252": ("Text - txt - csv (StarCalc)", "44,34,1,1"),
    "csv-utf8": ("Text - txt - csv (StarCalc)", "44,34,76,1"), "unicode-text": ("Text - txt - csv (StarCalc)", "9,34,65535,1"), "pdf": ("calc_pdf_Export", None),
}


def props(**values):
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def connect(name, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={name};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run(desktop, job):
    source = job["source"]
    options = props(Hidden=True, FilterName="Text - txt - csv (StarCalc)", FilterOptions=job.get("csv_options", CSV_IN)) \
        if source.endswith(".csv") else props(Hidden=True)
    doc = desktop.loadComponentFromURL(url(source), "_blank", 0, options)
    try:
        sheet = doc.Sheets.getByIndex(0)
        for area in job.get("merge", []):
            sheet.getCellRangeByName(area).merge(True)
        for column in job.get("hide_columns", []):
            sheet.getColumns().getByIndex(column).IsVisible = False
        for name, value in job.get("set", []):
            sheet.getCellRangeByName(name).setString(value)
        if job["format"] in ("csv-1252", "csv-utf8", "unicode-text"):
            full_year_dates(doc, sheet)
        filter_name, filter_options = SAVE[job["format"]]
        save = {"FilterName": filter_name, "Overwrite": True}
        if filter_options:
            save["FilterOptions"] = filter_options
        if job.get("password"):
            save["Password"] = job["password"]
        doc.storeToURL(url(job["out"]), props(**save))
    finally:
        doc.close(True)


def full_year_dates(doc, sheet):
    """Text is saved as shown; show date cells as 31/03/2025 (Excel's en-GB default), not LibreOffice's 31/03/25."""
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale", "en", "GB", "")
    full = formats.queryKey("DD/MM/YYYY", locale, False)
    if full == -1:
        full = formats.addNew("DD/MM/YYYY", locale)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    for row in range(cursor.RangeAddress.EndRow + 1):
        for column in range(cursor.RangeAddress.EndColumn + 1):
            cell = sheet.getCellByPosition(column, row)
            if formats.getByKey(cell.NumberFormat).Type & 2:  # css.util.NumberFormat.DATE
                cell.NumberFormat = full


def main():
    jobs = json.load(open(sys.argv[1]))
    profile = tempfile.mkdtemp(prefix="lo-calc-")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as handle:
        handle.write(EN_GB)  # a UK machine: dates shown and saved day first
    name = f"calc{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation={url(profile)}", f"--accept=pipe,name={name};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        context = connect(name, time.monotonic() + 90)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for job in jobs:
            run(desktop, job)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass  # terminate() drops the bridge as LibreOffice exits
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
