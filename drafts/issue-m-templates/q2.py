import pickle
exec(open('/tmp/mt/q.py').read().split("def score(f):")[0])
DEF=[(0,0,1,0.2),(0,0.8,1,0.2)]
negs=[(n,i) for n,i in negs if not n.startswith(('tweetcapture_distracted','elixir','memeocr'))]
# more negatives: crops, flips, captions of skimage photos
base=list(negs)
for n,img in base[:20]:
    negs.append((n+'_cap',caption(img,DEF))); negs.append((n+'_crop',crop(img,0.7))); negs.append((n+'_capflipjpg',jpeg(ImageOps.mirror(caption(img,DEF)))))
print('negs',len(negs))
def qviews(img):
    return [feat(img), feat(mask(img,DEF))]
def score(fs):
    s=np.max(np.stack([bank@f for f in fs]),0); best={}
    for j in np.argsort(-s):
        best.setdefault(owner[j], s[j])
        if len(best)==2: break
    (a,sa),(b,sb)=list(best.items())
    return a,sa,sb
res=[]; sub=rng.sample(range(len(T)),60)
for i in sub:
    n,img,boxes=T[i]
    other=negs[rng.randrange(len(negs))][1]
    cap=caption(img,boxes)
    for kind,q in [('blank',img),('cap',cap),('cap_crop',crop(cap)),('cap_scale_jpg',jpeg(scale(cap))),('cap_flip',ImageOps.mirror(cap)),('bar',bar(cap))]:
        a,sa,sb=score(qviews(q)); res.append((kind,i,a,sa,sb))
ns=[]
for n,img in negs:
    a,sa,sb=score(qviews(img)); ns.append((sa,sa-sb,n,T[a][0]))
pickle.dump((res,ns),open('/tmp/mt/res2.pkl','wb'))
for kind in dict.fromkeys(r[0] for r in res):
    rs=[r for r in res if r[0]==kind]
    print(kind, 'top1', np.mean([r[1]==r[2] for r in rs]), 'score med', np.median([r[3] for r in rs]), 'p10', np.percentile([r[3] for r in rs],10), 'margin p10', np.percentile([r[3]-r[4] for r in rs],10))
ns.sort(reverse=True); print(ns[:10])
