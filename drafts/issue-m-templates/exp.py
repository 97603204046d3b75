import glob, time, io, random, sys
from pathlib import Path
import numpy as np, yaml
from PIL import Image, ImageDraw, ImageFont, ImageOps
sys.path.insert(0, '/work/main')
from memeaudit.vision.classify import ImageNetClassifier
from memeaudit.nets.efficientnet import SIZE
clf = ImageNetClassifier()
net = clf._net
def fmap(img):
    small = img.convert('RGB').resize((SIZE, SIZE), Image.Resampling.BICUBIC)
    return net.feature_map(np.asarray(small, np.float32)/127.5-1.0)
def feat(img, grid=False):
    m = fmap(img)
    f = m.mean(axis=(0,1))
    f = f/np.linalg.norm(f)
    return f
def mask(img, boxes, fill=(128,128,128)):
    img = img.convert('RGB').copy(); d = ImageDraw.Draw(img); W,H = img.size
    for ax,ay,sx,sy in boxes:
        d.rectangle([ax*W, ay*H, (ax+sx)*W, (ay+sy)*H], fill=fill)
    return img
root = Path('/work/shared/memegen-templates')
T = []
for d in sorted(p for p in root.iterdir() if p.is_dir()):
    cfg = yaml.safe_load((d/'config.yml').read_text())
    pics = [p for p in d.iterdir() if p.stem == 'default'] or [p for p in d.iterdir() if p.suffix in ('.jpg','.png','.gif')]
    pic = sorted(pics, key=lambda p: p.suffix=='.gif')[0]
    img = Image.open(pic); img.seek(0); img = img.convert('RGB')
    boxes = [(t.get('anchor_x',0),t.get('anchor_y',0),t.get('scale_x',1),t.get('scale_y',0.2)) for t in cfg.get('text') or []]
    T.append((d.name, img, boxes))
t0=time.time()
bank=[]; owner=[]
for i,(n,img,boxes) in enumerate(T):
    for v in (img, mask(img,boxes), ImageOps.mirror(img), ImageOps.mirror(mask(img,boxes))):
        bank.append(feat(v)); owner.append(i)
print('bank', len(bank), (time.time()-t0)/len(bank), 's/forward')
np.save('/tmp/mt/bank.npy', np.array(bank)); np.save('/tmp/mt/owner.npy', np.array(owner))
