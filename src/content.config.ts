import { defineCollection } from 'astro:content';
import { templatesLoader } from './loaders/templates-loader.ts';
import { wikiLoader } from './loaders/wiki-loader.ts';

export const collections = {
  pages: defineCollection({ loader: wikiLoader() }),
  templates: defineCollection({ loader: templatesLoader() }),
};
