import { searchBusinessEvents } from './listSearch';
import { getAttributeSchema } from './resourceMapping';

export const listSearch = { searchBusinessEvents };
export const resourceMapping = { getAttributeSchema };
