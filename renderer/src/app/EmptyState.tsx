import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; body: string; children?: ReactNode }) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{props.title}</h2>
      <p>{props.body}</p>
      {props.children}
    </section>
  );
}
