// Encodes a UTF-8 file with the gpt-3-encoder package's own JavaScript encoder and prints the ids as JSON.
// usage: node gpt2-encode.js PACKAGE_DIR INPUT_FILE
const path = require('path');
const fs = require('fs');
const encoder = require(path.resolve(process.argv[2], 'Encoder.js'));
const text = fs.readFileSync(process.argv[3], 'utf8');
process.stdout.write(JSON.stringify(encoder.encode(text)));
