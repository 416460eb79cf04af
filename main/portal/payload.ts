// The shape of a publish item's payload, as the publication workflow writes it into the outbox
// at approval time: the metadata and documents exactly as approved. Only a schema; the pusher and
// the catalogue both read payloads through it and park or skip anything that does not fit.
import { z } from 'zod';

export const PublishPayload = z.object({
  title: z.string().min(1),
  notes: z.string(),
  classificationCode: z.string().nullable(),
  date: z.string().nullable(),
  unit: z.string().nullable(),
  category: z.string(),
  documents: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string().min(1),
      mime: z.string(),
      size: z.number().int().nonnegative(),
    }),
  ),
});
export type PublishPayload = z.infer<typeof PublishPayload>;
