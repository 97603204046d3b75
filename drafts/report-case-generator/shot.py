import sys, pathlib
sys.path.insert(0, "/work/main")
from tests.browser import launch
import yaml
root = pathlib.Path("/work/main/tests/data/report-cases")
with launch() as b:
    for cid in sys.argv[1:]:
        w = yaml.safe_load((root/cid/"case.yaml").read_text())["width"]
        pg = b.new_page(viewport={"width": w, "height": 400})
        pg.goto((root/cid/"page.html").as_uri())
        pg.screenshot(path=f"/tmp/evalauthor/{cid}.png", full_page=True)
        pg.close()
