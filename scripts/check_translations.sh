#!/usr/bin/env bash
# Fails when any user-visible string lacks a Swedish translation: re-extracts every app's
# messages into a throw-away copy of the tree and asks gettext for untranslated or fuzzy entries.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$work"
status=0
for po in kedja/*/locale/sv/LC_MESSAGES/django.po; do
  app_dir=$(dirname "$(dirname "$(dirname "$(dirname "$po")")")")
  (cd "$work/$app_dir" && DEBUG=true "$OLDPWD/.venv/bin/python" "$work/manage.py" makemessages -l sv >/dev/null 2>&1)
  missing=$(msgattrib --untranslated --no-obsolete "$work/$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is listed.
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  # The compiled catalogue is what pages use: it must be committed and match its .po file.
  mo="${po%.po}.mo"
  if ! git ls-files --error-unmatch "$mo" >/dev/null 2>&1 || ! msgfmt -o - "$po" | cmp -s - "$mo"; then
    echo "$app_dir: $mo is missing or older than its .po (run make messages and commit the .mo)"
    status=1
  fi
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "$app_dir: $missing untranslated, $fuzzy fuzzy"
    msgattrib --untranslated --no-obsolete "$work/$po" | grep '^msgid ' | tail -n +2 | head -20
    status=1
  fi
done
[ $status -eq 0 ] && echo "Every string has a Swedish translation."
exit $status
