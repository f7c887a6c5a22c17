// Preloaded into Spectral and Redocly (NODE_OPTIONS=--require): refuses every connection and DNS lookup that is not
// to the loopback interface, and records the attempt, so a remote sourceDescription or $ref can never be fetched.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const fs = require('node:fs');

const log = process.env.LINT_COMPARE_BLOCKED_LOG;
const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function refuse(host) {
    if (log) {
        fs.appendFileSync(log, `${process.pid}\t${host}\n`);
    }
    return new Error(`lint-compare: network access to '${host}' is blocked`);
}

function hostOf(args) {
    const first = args[0];
    if (Array.isArray(first)) {
        return hostOf(first);
    }
    if (first && typeof first === 'object') {
        return first.path ? null : String(first.host ?? 'localhost');
    }
    if (typeof first === 'string' && Number.isNaN(Number(first))) {
        return null; // a Unix socket path
    }
    return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    const host = hostOf(args);
    if (host !== null && !loopback.has(host)) {
        const error = refuse(host);
        process.nextTick(() => this.destroy(error));
        return this;
    }
    return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
    if (!loopback.has(host)) {
        const callback = rest[rest.length - 1];
        process.nextTick(() => callback(refuse(host)));
        return {};
    }
    return lookup.call(this, host, ...rest);
};
dns.promises.lookup = async (host, ...rest) => {
    if (!loopback.has(host)) {
        throw refuse(host);
    }
    return lookup.call(dns, host, ...rest);
};
