"""Build assistant/data/glossary.tsv (Spanish/Portuguese -> the plan's English words) from data*.txt.

Each data line maps plan words to es/pt terms; verbs are conjugated here. Run from anywhere:
python scripts/glossary/build.py. Built from the plan's vocabulary only, never from eval/ questions.
"""
import collections
import glob
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLAN = open(os.path.join(ROOT, 'corpus', 'elac2007.txt'), encoding='utf-8').read().lower()
PLAN_WORDS = set(re.findall(r'[^\W_]+', PLAN))

# Spanish irregular/stem-changing: inf -> (3sg, fut3sg, participle-stem-masc)
ES_IRR = {
 'promover':('promueve',None,None), 'alentar':('alienta',None,None), 'probar':('prueba',None,None),
 'aprobar':('aprueba',None,None), 'resolver':('resuelve',None,'resuelto'), 'reforzar':('refuerza',None,None),
 'recomendar':('recomienda',None,None), 'concebir':('concibe',None,None), 'referir':('refiere',None,None),
 'invertir':('invierte',None,None), 'transferir':('transfiere',None,None), 'sugerir':('sugiere',None,None),
 'medir':('mide',None,None), 'seguir':('sigue',None,None), 'pedir':('pide',None,None),
 'prevenir':('previene','prevendrá','prevenido'), 'sostener':('sostiene','sostendrá',None),
 'disponer':('dispone','dispondrá','dispuesto'), 'cubrir':(None,None,'cubierto'),
 'satisfacer':('satisface','satisfará','satisfecho'), 'proveer':('provee',None,'provisto'),
 'guiar':('guía',None,None), 'ampliar':('amplía',None,None), 'evaluar':('evalúa',None,None),
 'atender':('atiende',None,None), 'extender':('extiende',None,None), 'hacer':('hace','hará','hecho'),
 'conocer':(None,None,None), 'concertar':('concierta',None,None), 'situar':('sitúa',None,None), 'efectuar':('efectúa',None,None),
}
PT_IRR = {
 'prover':('provê','provêm',None,'provido'), 'prevenir':('previne','previnem',None,None),
 'progredir':('progride','progridem',None,None), 'convergir':('converge','convergem',None,None),
 'seguir':('segue','seguem',None,None), 'pedir':('pede','pedem',None,None), 'medir':('mede','medem',None,None),
 'cobrir':('cobre','cobrem',None,'coberto'), 'construir':('constrói','constroem',None,None),
 'satisfazer':('satisfaz','satisfazem','satisfará','satisfeito'), 'fazer':('faz','fazem','fará','feito'),
 'manter':('mantém','mantêm','manterá','mantido'), 'compor':('compõe','compõem','comporá','composto'), 'redigir':('redige','redigem',None,None), 'dispor':('dispõe','dispõem','disporá','disposto'),
}
def conj_es(inf, override=None):
    stem, end = inf[:-2], inf[-2:]
    assert end in ('ar','er','ir'), inf
    s3, fut, part = ES_IRR.get(inf, (None,None,None))
    if override: s3 = override
    if not s3:
        if end=='ar': s3 = stem+'a'
        elif inf.endswith('uir') and not inf.endswith('guir'): s3 = stem+'ye'
        else: s3 = stem+'e'
    fut = fut or inf+'á'
    futp = fut+'n'
    if not part: part = stem+('ado' if end=='ar' else 'ido')
    pb = part[:-1]
    return [inf, s3, s3+'n', fut, futp, pb+'o', pb+'a', pb+'os', pb+'as']
def conj_pt(inf):
    stem, end = inf[:-2], inf[-2:]
    assert end in ('ar','er','ir','or'), inf
    s3, s3p, fut, part = PT_IRR.get(inf, (None,None,None,None))
    if not s3:
        if end=='ar': s3, s3p = stem+'a', stem+'am'
        elif inf.endswith('uir') and not inf.endswith('guir'): s3, s3p = stem+'i', stem+'em'
        elif inf.endswith('zir'): s3, s3p = stem, stem+'em'
        else: s3, s3p = stem+'e', stem+'em'
    fut = fut or inf+'á'
    futp = fut[:-1]+'ão'
    if not part:
        if end=='ar': part = stem+'ado'
        elif inf.endswith('uir') and not inf.endswith('guir'): part = stem+'ído'
        else: part = stem+'ido'
    pb = part[:-1]
    return [inf, s3, s3p, fut, futp, pb+'o', pb+'a', pb+'os', pb+'as']

def split_terms(side):
    out, depth, cur = [], 0, ''
    for ch in side:
        if ch in '{(': depth += 1
        if ch in '})': depth -= 1
        if ch == ',' and depth == 0:
            out.append(cur); cur = ''
        else: cur += ch
    out.append(cur)
    return [t.strip() for t in out if t.strip()]

def expand(term):
    # zipped paren groups: all-or-none
    if '(' in term:
        without = re.sub(r'\(([^)]*)\)', '', term)
        with_ = re.sub(r'\(([^)]*)\)', r'\1', term)
        res = []
        for t in (without, with_): res += expand(t)
        return res
    groups = re.findall(r'\{([^}]*)\}', term)
    if groups:
        opts = [g.split(',') for g in groups]
        n = max(len(o) for o in opts)
        res = []
        for i in range(n):
            k = iter([o[i] if len(o) > 1 else o[0] for o in opts])
            res.append(re.sub(r'\{[^}]*\}', lambda m: next(k), term))
        return res
    return [term]

entries = collections.OrderedDict()
problems = []
for f in sorted(glob.glob(os.path.join(HERE, 'data*.txt'))):
    for ln, line in enumerate(open(f, encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'): continue
        en, rest = line.split('|', 1)
        es, pt = rest.split(';') if ';' in rest else (rest, '')
        entok = en.split()
        for lang, side in (('es', es), ('pt', pt)):
            for t in split_terms(side):
                if t.startswith('v:'):
                    v = t[2:]
                    ov = None
                    if '|' in v: v, ov = v.split('|')
                    forms = conj_es(v, ov) if lang == 'es' else conj_pt(v)
                else:
                    forms = expand(t)
                for fm in forms:
                    fm = re.sub(r'\s+', ' ', fm.strip().lower())
                    if not fm: continue
                    if any(c in fm for c in '{}()|;\t'): problems.append((f, ln, fm)); continue
                    lst = entries.setdefault((lang, fm), [])
                    for e in entok:
                        if e not in lst: lst.append(e)

# validate english tokens
def ok_tok(e):
    return any(w.startswith(e) for w in PLAN_WORDS)
bad = collections.Counter()
out = []
for (lang, term), toks in entries.items():
    good = [e for e in toks if ok_tok(e)]
    for e in toks:
        if not ok_tok(e): bad[e] += 1
    if good: out.append((lang, term, ' '.join(good)))
with open(os.path.join(ROOT, 'assistant', 'data', 'glossary.tsv'), 'w', encoding='utf-8') as fh:
    for r in out: fh.write('\t'.join(r) + '\n')
print('entries', len(out), collections.Counter(r[0] for r in out))
print('bad english tokens', dict(bad))
print('problems', problems[:20])
