#!/usr/bin/env python3
"""Lists the element names of oVirt's API v4 model, per type, as the data file the engine reads
(src/Hotset.Engine/Api/Model/ovirt-model.txt).

Usage: scripts/ovirt-model-names.py <checkout of github.com/oVirt/ovirt-engine-api-model> > ovirt-model.txt

`Action` is the body of an action (POST /vms/{id}/start): every input parameter of the services' methods.
Each `@Type interface X extends Y` becomes a line `X: Y`; each of its members `T name();` an indented line with the
element name in snake case and its type (`T[]` for a list). Enums and primitives are not listed: an element of such
a type is a leaf.
"""
import os
import re
import sys

HEADER = re.compile(r'@Type\s+(?:@\w+\s+)*(?:public\s+)?interface\s+(\w+)(?:\s+extends\s+([\w\s,]+))?\s*\{')
MEMBER = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*([A-Z]\w*(?:\[\])?)\s+(\w+)\(\)\s*;', re.M)


def snake(name):
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name.lstrip('_')).lower()


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


IN_PARAMETER = re.compile(r'@In\s+(?:@\w+(?:\([^)]*\))?\s+)*([A-Z]\w*(?:\[\])?)\s+(\w+)\(\)\s*;')


def action_parameters(root):
    """The <action> body of every service action: the union of the actions' input parameters."""
    found = {}
    for folder, _, files in sorted(os.walk(os.path.join(root, 'src', 'main', 'java', 'services'))):
        for file in sorted(files):
            text = strip_comments(open(os.path.join(folder, file), encoding='utf-8').read())
            for kind, name in IN_PARAMETER.findall(text):
                found.setdefault(snake(name), kind)
    return found


def main(root):
    folder = os.path.join(root, 'src', 'main', 'java', 'types')
    print('# oVirt API v4 model: the element names of each type, and their types (T[] = a list of T).')
    print('# Facts from github.com/oVirt/ovirt-engine-api-model (src/main/java/types); regenerate with')
    print('# scripts/ovirt-model-names.py. Types not listed (enums, primitives) are leaves.')
    for file in sorted(os.listdir(folder)):
        text = strip_comments(open(os.path.join(folder, file), encoding='utf-8').read())
        header = HEADER.search(text)
        if not header:
            continue
        bases = ', '.join(b.strip() for b in (header.group(2) or '').split(',') if b.strip())
        print(f'{header.group(1)}: {bases}' if bases else f'{header.group(1)}:')
        body = text[header.end():]
        for kind, name in MEMBER.findall(body):
            print(f'  {snake(name)} {kind}')
    print('Action:')
    for name, kind in sorted(action_parameters(root).items()):
        print(f'  {name} {kind}')


if __name__ == '__main__':
    main(sys.argv[1])
