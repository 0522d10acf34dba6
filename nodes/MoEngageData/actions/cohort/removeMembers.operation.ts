/** Cohort → Remove Members: `remove_members` through cohort sync (the parameters and build: ./members.ts). */
export { removeMembers } from './members';
