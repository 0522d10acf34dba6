/** Cohort → Add Members: `add_members` through cohort sync (the parameters and build: ./members.ts). */
export { addMembers } from './members';
