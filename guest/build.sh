#!/usr/bin/env bash
echo "guest: not built yet" >&2
