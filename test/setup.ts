// type-graphql and MikroORM decorators need the metadata polyfill before any entity module loads.
import 'reflect-metadata';
