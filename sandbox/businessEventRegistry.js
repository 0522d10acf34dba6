// @ts-check
'use strict';
/**
 * The workspace's Business Events (name -> record), as the search API shows them.
 */
const { newId } = require('./responses');

/**
 * @typedef {'string' | 'int' | 'float' | 'array' | 'date' | 'number' | 'boolean' | 'datetime'} AttributeType
 * @typedef {{ attribute_name: string, attribute_data_type: AttributeType }} BusinessEventAttribute
 * @typedef {{
 *   event_name: string,
 *   event_attributes?: BusinessEventAttribute[] | Record<string, AttributeType>,
 *   hasActiveCampaign?: boolean, event_id?: string, _id?: string, created_by?: string, created_at?: string,
 *   last_received_time?: string | null, total_trigger?: number, usage_count?: number, users_in_segment?: number,
 *   campaign_ids?: string[], flow_ids?: string[]
 * }} BusinessEventDef
 * @typedef {{
 *   db_name: string, event_id: string, event_name: string, event_attributes: BusinessEventAttribute[],
 *   created_at: string, total_trigger: number, users_in_segment: number, usage_count: number, created_by: string,
 *   last_received_time: string | null, _id: string, hasActiveCampaign: boolean,
 *   campaign_ids: string[], flow_ids: string[], campaign_count: number
 * }} BusinessEventRecord
 */

/** The types legacy Create offers (reference §3.1). */
const ATTRIBUTE_TYPES = ['string', 'int', 'float', 'array', 'date'];

/** The types V5 validates against (reference §3.2); an event defined with them shows them to legacy search as they are. */
const V5_ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'datetime'];

/**
 * The V5 type of a legacy type. The reference gives no V5 type for a legacy `array` attribute
 * (§3.3 "map when migrating"): the sandbox shows it as `string`.
 * @type {Record<string, string>}
 */
const V5_TYPE_OF = { string: 'string', int: 'number', float: 'number', date: 'datetime', array: 'string', number: 'number', boolean: 'boolean', datetime: 'datetime' };

/** @type {BusinessEventDef[]} */
const DEFAULT_BUSINESS_EVENTS = [
	{
		// the sample of 001_*.txt, verbatim
		event_name: 'NewMovies',
		event_id: '647597767459c85d7d6d6dfd',
		_id: '64a54500633fda13b6681163',
		event_attributes: [
			{ attribute_name: 'MovieName', attribute_data_type: 'array' },
			{ attribute_name: 'rating', attribute_data_type: 'string' },
		],
		created_at: '2023-05-29T18:36:52.390000',
		created_by: 'john.doe@moengage.com',
		last_received_time: '2023-05-30T06:28:06.498000',
		total_trigger: 0,
		usage_count: 0,
		users_in_segment: 0,
	},
	{
		event_name: 'PriceDrop',
		event_attributes: {
			product_id: 'string',
			old_price: 'float',
			new_price: 'float',
			stock: 'int',
			valid_until: 'date',
			tags: 'array',
		},
		created_by: 'sandbox@example.com',
	},
	{ event_name: 'NoActiveCampaign', event_attributes: { note: 'string' }, hasActiveCampaign: false, created_by: 'sandbox@example.com' },
];

/** Timestamp in the format MoEngage's search answer uses: `2023-05-29T18:36:52.390000`. */
function moeTimestamp(ms = Date.now()) {
	return new Date(ms).toISOString().replace('Z', '000');
}

/**
 * @param {BusinessEventDef} def
 * @param {string} dbName
 * @returns {BusinessEventRecord}
 */
function normalize(def, dbName) {
	if (!def || typeof def.event_name !== 'string' || def.event_name === '') {
		throw new TypeError('sandbox: a business event needs an event_name');
	}
	const attrs = def.event_attributes || [];
	/** @type {BusinessEventAttribute[]} */
	const list = Array.isArray(attrs)
		? attrs.map((a) => ({ attribute_name: a.attribute_name, attribute_data_type: a.attribute_data_type }))
		: Object.keys(attrs).map((name) => ({ attribute_name: name, attribute_data_type: attrs[name] }));
	for (const a of list) {
		if (!ATTRIBUTE_TYPES.includes(a.attribute_data_type) && !V5_ATTRIBUTE_TYPES.includes(a.attribute_data_type)) {
			throw new TypeError(`sandbox: unknown attribute type ${JSON.stringify(a.attribute_data_type)} for ${a.attribute_name}`);
		}
	}
	return {
		db_name: dbName,
		event_id: def.event_id || newId(),
		event_name: def.event_name,
		event_attributes: list,
		created_at: def.created_at || moeTimestamp(),
		total_trigger: def.total_trigger || 0,
		users_in_segment: def.users_in_segment || 0,
		usage_count: def.usage_count || 0,
		created_by: def.created_by || 'sandbox@example.com',
		last_received_time: def.last_received_time === undefined ? null : def.last_received_time,
		_id: def._id || newId(),
		hasActiveCampaign: def.hasActiveCampaign !== false,
		// Without a list, an event with an active campaign has one (V5 reports campaigns and flows by id).
		campaign_ids: def.hasActiveCampaign === false ? [] : def.campaign_ids ? [...def.campaign_ids] : def.flow_ids ? [] : [newId()],
		flow_ids: def.hasActiveCampaign === false ? [] : [...(def.flow_ids || [])],
		campaign_count: 0,
	};
}

/**
 * The record as the search API returns it (without the sandbox-only `hasActiveCampaign`).
 * @param {BusinessEventRecord} r
 */
function toSearchShape(r) {
	const { hasActiveCampaign: _omit, campaign_ids: _c, flow_ids: _f, campaign_count: _n, ...rest } = r;
	return { ...rest, event_attributes: r.event_attributes.map((a) => ({ ...a })) };
}

/**
 * `2023-05-29T18:36:52.390000` (legacy, no zone) → `2023-05-29T18:36:52Z`.
 * @param {string | null} t
 */
function v5Time(t) {
	if (!t) return null;
	const ms = Date.parse(t.endsWith('Z') ? t : `${t.slice(0, 23)}Z`);
	return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/**
 * The record as V5 list and search show it (`BusinessEventV5`).
 * @param {BusinessEventRecord} r
 */
function toV5Shape(r) {
	return {
		id: r.event_id,
		name: r.event_name,
		attributes: r.event_attributes.map((a) => ({ name: a.attribute_name, data_type: V5_TYPE_OF[a.attribute_data_type] || 'string' })),
		campaign_count: r.campaign_count,
		trigger_count: r.total_trigger,
		created_by: r.created_by,
		last_triggered_at: v5Time(r.last_received_time),
		created_at: v5Time(r.created_at),
	};
}

class BusinessEventRegistry {
	/**
	 * @param {BusinessEventDef[]} defs
	 * @param {string} dbName
	 */
	constructor(defs, dbName) {
		this.dbName = dbName;
		/** @type {Map<string, BusinessEventRecord>} */
		this.map = new Map();
		for (const d of defs) this.add(d);
	}

	/**
	 * Adds (or replaces, by name) an event.
	 * @param {BusinessEventDef} def
	 * @returns {BusinessEventRecord}
	 */
	add(def) {
		const r = normalize(def, this.dbName);
		this.map.set(r.event_name, r);
		return r;
	}

	/** @param {string} id */
	findById(id) {
		for (const r of this.map.values()) if (r.event_id === id) return r;
		return undefined;
	}
}

module.exports = {
	ATTRIBUTE_TYPES,
	V5_ATTRIBUTE_TYPES,
	V5_TYPE_OF,
	toV5Shape,
	DEFAULT_BUSINESS_EVENTS,
	BusinessEventRegistry,
	moeTimestamp,
	normalize,
	toSearchShape,
};
