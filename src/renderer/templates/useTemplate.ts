import { useEffect, useState } from 'react';
import type { Template } from '../../core/templates/schema';
import type { Api } from '../../contract/index';

const cache = new Map<string, Promise<Template | null>>();

/** The template a draft was made from (null when none, or when it no longer exists). */
export function useTemplate(api: Api, templateId: string | undefined): Template | null {
  const [t, setT] = useState<Template | null>(null);
  useEffect(() => {
    if (!templateId) {
      setT(null);
      return;
    }
    let live = true;
    let p = cache.get(templateId);
    if (!p) {
      p = api['templates.get']({ id: templateId }).catch(() => null);
      cache.set(templateId, p);
    }
    void p.then((v) => live && setT(v));
    return () => {
      live = false;
    };
  }, [api, templateId]);
  return t;
}

/** All templates (for drafts not made from one: examples by section role). */
export function useAllTemplates(api: Api): Template[] {
  const [list, setList] = useState<Template[]>([]);
  useEffect(() => {
    let live = true;
    api['templates.list']({})
      .then((r) => Promise.all(r.templates.map((s) => api['templates.get']({ id: s.id }).catch(() => null))))
      .then((ts) => live && setList(ts.filter((x): x is NonNullable<typeof x> => !!x)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return list;
}
