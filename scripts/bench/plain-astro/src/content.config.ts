import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.PLAIN_CONTENT_DIR;
if (!base) throw new Error('PLAIN_CONTENT_DIR names the corpus to build');

export const collections = {
  docs: defineCollection({ loader: glob({ pattern: ['**/*.{md,mdx}', '!_templates/**'], base }) }),
};
