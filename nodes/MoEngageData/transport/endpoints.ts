import type { MoEngageRequest } from '../../shared/transport/client';
import type { DataElement } from '../schemas/dataApi';

/**
 * Every Data API endpoint this node calls. The element endpoints take the workspace ID in the
 * path, the user endpoints as `app_id`.
 */
export type Endpoint = Pick<MoEngageRequest, 'path' | 'query'>;

/** `projectCode`: a Portfolio workspace's project, which MoEngage takes in the query string. */
function inPath(name: string, workspaceId: string, projectCode?: string): Endpoint {
	const path = `/v1/${name}/${encodeURIComponent(workspaceId)}`;
	return projectCode ? { path, query: { app_id: workspaceId, project_code: projectCode } } : { path };
}

function withAppId(path: string, workspaceId: string): Endpoint {
	return { path, query: { app_id: workspaceId } };
}

export const endpoints = {
	/** Bulk import of users, events and devices. */
	bulkImport: (workspaceId: string, projectCode?: string) => inPath('transition', workspaceId, projectCode),
	/** One user, event or device: `/v1/customer`, `/v1/event`, `/v1/device`. */
	element: (type: DataElement['type'], workspaceId: string, projectCode?: string) => inPath(type, workspaceId, projectCode),
	deleteUser: (workspaceId: string) => withAppId('/v1/customer/delete', workspaceId),
	exportUsers: (workspaceId: string) => withAppId('/v1/customers/export', workspaceId),
	mergeUsers: (workspaceId: string) => withAppId('/v1/customer/merge', workspaceId),
	/** Cohort sync: the workspace is named by MOE-APPKEY (the client sends it on every Data call). */
	cohortSync: (): Endpoint => ({ path: '/v1/integrations/cohortsync' }),
};
