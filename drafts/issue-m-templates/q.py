import io, random, sys
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps
sys.path.insert(0,'/tmp/mt'); 
exec(open('/tmp/mt/exp.py').read().split("t0=time.time()")[0])
bank=np.load('/tmp/mt/bank.npy'); owner=np.load('/tmp/mt/owner.npy')
FONT='/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'
WORDS='when the code compiles first try nobody cares about my cat monday again look at this me trying to explain why the deadline moved'.split()
rng=random.Random(1)
def caption(img, boxes):
    img=img.copy(); d=ImageDraw.Draw(img); W,H=img.size
    for ax,ay,sx,sy in boxes:
        text=' '.join(rng.sample(WORDS,rng.randint(2,5))).upper()
        size=max(10,int(sy*H*0.6)); f=ImageFont.truetype(FONT,size)
        while d.textlength(text,font=f)>sx*W*0.95 and size>8:
            size-=2; f=ImageFont.truetype(FONT,size)
        tw=d.textlength(text,font=f)
        d.text((ax*W+(sx*W-tw)/2, ay*H+(sy*H-size)/2), text, font=f, fill='white', stroke_width=max(1,size//12), stroke_fill='black')
    return img
def jpeg(img,q=60):
    b=io.BytesIO(); img.save(b,'JPEG',quality=q); return Image.open(io.BytesIO(b.getvalue())).convert('RGB')
def crop(img,f=0.85):
    W,H=img.size; w,h=int(W*f),int(H*f); x=rng.randint(0,W-w); y=rng.randint(0,H-h); return img.crop((x,y,x+w,y+h))
def scale(img,f=0.5): return img.resize((max(8,int(img.width*f)),max(8,int(img.height*f))))
def bar(img):  # caption bar above
    W,H=img.size; out=Image.new('RGB',(W,H+H//4),'white'); out.paste(img,(0,H//4))
    d=ImageDraw.Draw(out); d.text((10,10),'me when the meeting could have been an email',font=ImageFont.truetype(FONT,max(10,H//12)),fill='black'); return out
def stack(img, other):
    W,H=img.size; o=other.resize((W,H)); out=Image.new('RGB',(W,2*H+10),'white'); out.paste(img,(0,0)); out.paste(o,(0,H+10)); return out
import skimage.data as sd
negs=[]
for n in ['astronaut','camera','cat','chelsea','coffee','coins','horse','rocket','page','text','brick','grass','gravel','moon','clock','colorwheel','logo','hubble_deep_field','immunohistochemistry','retina','skin','eagle','lily']:
    try:
        a=getattr(sd,n)()
        a = a if a.ndim==3 else np.stack([a]*3,-1)
        if a.dtype!=np.uint8: a=(255*(a-a.min())/(a.ptp()+1e-9)).astype(np.uint8)
        negs.append((n,Image.fromarray(a[...,:3])))
    except Exception as e: print('skip',n,e)
for p in sorted(Path('/work/main/samples').glob('*.png')): negs.append((p.name,Image.open(p).convert('RGB')))
for p in sorted(Path('/work/shared/eval/dev/images').glob('*')):
    if not p.name.startswith('memegen'): negs.append((p.name,Image.open(p).convert('RGB')))
def score(f):
    s=bank@f; best={}
    for j in np.argsort(-s):
        best.setdefault(owner[j], s[j])
        if len(best)==2: break
    (a,sa),(b,sb)=list(best.items())
    return a,sa,sb
res=[]
sub=rng.sample(range(len(T)),60)
for i in sub:
    n,img,boxes=T[i]
    other=negs[rng.randrange(len(negs))][1]
    cap=caption(img,boxes)
    for kind,q in [('blank',img),('cap',cap),('cap_crop',crop(cap)),('cap_scale_jpg',jpeg(scale(cap))),('cap_flip',ImageOps.mirror(cap)),('bar',bar(cap)),('stack',stack(cap,other))]:
        a,sa,sb=score(feat(q))
        res.append((kind,i,a,sa,sb))
import collections
for kind in dict.fromkeys(r[0] for r in res):
    rs=[r for r in res if r[0]==kind]
    print(kind, 'top1', np.mean([r[1]==r[2] for r in rs]), 'score med', np.median([r[3] for r in rs]), 'min correct', min(r[3] for r in rs if r[1]==r[2]), 'margin med', np.median([r[3]-r[4] for r in rs]))
ns=[]
for n,img in negs:
    a,sa,sb=score(feat(img)); ns.append((sa,sa-sb,n,T[a][0]))
ns.sort(reverse=True)
print('neg top', ns[:8])
import pickle; pickle.dump((res,ns),open('/tmp/mt/res.pkl','wb'))
