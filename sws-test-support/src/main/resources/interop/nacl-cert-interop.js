// Drives the original nacl-cert@1.0.4 for NaclCertInteropTests. Its bin/nacl-cert crashes on
// Node 12+ (util.puts), so the file-writing modes below repeat that CLI's code paths exactly,
// minus util.puts. Every mode prints one line "RESULT <json>" last; nacl-cert's own
// console.log lines may come before it.
//
//   validate CERT [CA_CERT]         naclcert.validate(cert, cacert)
//   checkdomain CERT HOST           naclcert.checkDomain(cert, host)
//   restringify FILE                JSON.stringify(JSON.parse(file)) === file
//   genkeypair DIR                  like `nacl-cert -m genkeypair` (box-kp.json)
//   genca DIR NAME DAYS             like `nacl-cert -m genca -n NAME -d DAYS`
//   gencert DIR CA_KEY BOX_KP NAMES IPS DAYS   like `nacl-cert -m gencert ...` (NAME-cert.json)
'use strict';
var fs = require('fs');
var path = require('path');
var naclcert = require('nacl-cert');
var nacl = require('tweetnacl/nacl-fast.js');

function read(file) {
	return JSON.parse(fs.readFileSync(file).toString());
}

function result(value) {
	console.log('RESULT ' + JSON.stringify(value));
}

var args = process.argv.slice(2);
var mode = args[0];
if (mode === 'validate') {
	result({valid: naclcert.validate(read(args[1]), args[2] ? read(args[2]) : undefined)});
} else if (mode === 'checkdomain') {
	result({match: naclcert.checkDomain(read(args[1]), args[2])});
} else if (mode === 'restringify') {
	var text = fs.readFileSync(args[1]).toString();
	result({same: JSON.stringify(JSON.parse(text)) === text});
} else if (mode === 'genkeypair') {
	var bkp = nacl.box.keyPair();
	fs.writeFileSync(path.join(args[1], 'box-kp.json'), JSON.stringify({
		secretkey: naclcert.Uint8ToArray(bkp.secretKey),
		publickey: naclcert.Uint8ToArray(bkp.publicKey),
	}));
	result({written: 'box-kp.json'});
} else if (mode === 'genca') {
	var caname = args[2].split(',')[0];
	var ca = naclcert.generateCA({name: caname, tte: new Date().getTime() + args[3] * 24 * 3600000});
	fs.writeFileSync(path.join(args[1], caname + '-ca-cert.json'), JSON.stringify(ca.cert));
	fs.writeFileSync(path.join(args[1], caname + '-ca-key.json'), JSON.stringify(ca));
	result({written: caname + '-ca-cert.json'});
} else if (mode === 'gencert') {
	var certnames = args[4].split(',');
	var certdesc = {
		version: '1.0',
		type: 'ca',
		tte: new Date().getTime() + args[6] * 24 * 3600000,
		publickey: read(args[3]).publickey,
		names: certnames,
		ips: args[5].split(',')
	};
	var caobj = read(args[2]);
	var cert = naclcert.generate(certdesc, caobj.secretkey, caobj.cert);
	if (!cert) {
		result({error: 'generate failed'});
		process.exit(1);
	}
	fs.writeFileSync(path.join(args[1], certnames[0] + '-cert.json'), JSON.stringify(cert));
	result({written: certnames[0] + '-cert.json'});
} else {
	console.error('unknown mode ' + mode);
	process.exit(2);
}
