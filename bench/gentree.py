#!/usr/bin/env python3
"""gentree.py OUT PAGES COMMITS: a generated site shaped like tldr-pages, in a git repository.

Under content/, a few folders hold thousands of small pages each (pages/common, pages/linux, and the same per
language); pages have no front matter, a heading, a one-line summary and a few examples, about
1 KB like a tldr page. History: the first commit adds a third of the pages, later commits add a
page or edit one to three; one commit in 150 renames a page, half of those also editing it (as
`git mv` and an edit in one commit), so history must follow renames. Deterministic."""
import random, subprocess, sys
out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
W = ("archive file directory list show print create extract compress remove copy move user group "
     "process network port server client config value path mode verbose recursive output input").split()
langs = ['pages'] + [f'pages.{l}' for l in 'de es fr it ja ko pt_BR ru zh'.split()]
shares = [('common', 55), ('linux', 28), ('osx', 8), ('windows', 6), ('android', 2), ('sunos', 1)]
lang_w = [4] + [1] * (len(langs) - 1)  # English holds four times each translation's pages
paths, seen = [], set()
while len(paths) < n:
    lang = rnd.choices(langs, lang_w)[0]
    plat = rnd.choices([s for s, _ in shares], [w for _, w in shares])[0]
    name = '-'.join(rnd.choice(W) for _ in range(rnd.randint(1, 3))) + str(rnd.randint(0, 99))
    p = f'content/{lang}/{plat}/{name}.md'
    if p not in seen:
        seen.add(p); paths.append(p)
def para(k): return ' '.join(rnd.choice(W) for _ in range(k)).capitalize() + '.'
def page(p):
    cmd = p.rsplit('/', 1)[1][:-3]
    lines = [f'# {cmd}', '', f'> {para(12)}', f'> More information: <https://example.org/{cmd}>.', '']
    for _ in range(rnd.randint(4, 8)):
        lines += [f'- {para(8)}', '', f'`{cmd} --{rnd.choice(W)} {{{{{rnd.choice(W)}}}}}`', '']
    return '\n'.join(lines)
def blob(s):
    b = s.encode(); return f'data {len(b)}\n'.encode() + b + b'\n'
t = 1500000000
def commit(msg, mods, dels=()):
    global t
    t += 1800; a = rnd.randrange(40); mb = msg.encode()
    s = f'commit refs/heads/main\nauthor A{a} <a{a}@example.org> {t} +0000\ncommitter A{a} <a{a}@example.org> {t} +0000\n'.encode()
    s += f'data {len(mb)}\n'.encode() + mb + b'\n'
    for p in dels: s += f'D {p}\n'.encode()
    for p, d in mods.items(): s += f'M 100644 inline {p}\n'.encode() + blob(d)
    return s + b'\n'
rnd.shuffle(paths)
first = n // 3
files = {p: page(p) for p in paths[:first]}
files['content/_index.md'] = '# Pages\n\nCommand pages, generated.\n'
stream = [commit('Initial pages', files)]
todo = paths[first:]
live = list(paths[:first])
for c in range(1, m):
    r = rnd.random()
    if todo and r < len(todo) / max(1, m - c):
        p = todo.pop(); files[p] = page(p); live.append(p)
        stream.append(commit(f'{p}: add page (#{c})', {p: files[p]}))
    elif c % 150 == 0:
        i = rnd.randrange(len(live)); old = live[i]
        new = old[:-3] + '-new.md'
        if new in files: new = old[:-3] + f'-{c}.md'
        body = files.pop(old)
        if c % 300 == 0: body += f'\n- {para(8)}\n'
        files[new] = body; live[i] = new
        stream.append(commit(f'{old}: rename to {new} (#{c})', {new: body}, [old]))
    else:
        ch = {}
        for p in rnd.sample(live, min(len(live), rnd.randint(1, 3))):
            files[p] += f'\n- {para(8)}\n'; ch[p] = files[p]
        stream.append(commit(f'Update {len(ch)} pages (#{c})', ch))
for p in todo:  # pages the commits did not reach come in one last commit
    files[p] = page(p)
if todo: stream.append(commit('Add remaining pages', {p: files[p] for p in todo}))
subprocess.run(['git', 'init', '-q', '-b', 'main', out], check=True)
subprocess.run(['git', 'fast-import', '--quiet'], input=b''.join(stream), cwd=out, check=True)
subprocess.run(['git', 'checkout', '-q', '-f', 'main'], cwd=out, check=True)
print(f'{len(files) - 1} pages, {len(stream)} commits in {out}')
